#pragma once

#include <QtCore/QSet>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace fetchmedia::sandbox {

// The keys the sandbox accepts, changeable at run time through /_sandbox/keys, and what it
// remembers about refused keys: which were revoked, and which already got a 401 (a correct
// client sends nothing more with a key after its first 401).
class KeyRegistry final {
public:
    // What a request's key says about the client, judged when the request arrives.
    struct Arrival {
        bool badAfter401 = false;     // refused key (unknown or revoked) that already had a 401
        bool revokedAfter401 = false; // the same, for a key revoked through the control endpoint
    };

    explicit KeyRegistry(const QStringList& initialKeys);

    const QStringList& accepted() const { return m_accepted; }
    bool isAccepted(const QString& key) const { return m_accepted.contains(key); }
    void add(const QString& key);        // (re)accepts a key; forgets its revocation and 401
    bool revoke(const QString& key);     // false when the key was not accepted

    Arrival noteArrival(const QString& key) const;
    void noteUnauthorized(const QString& key); // a 401 went out for this key

    // "fm_c0ff…ee00": enough to tell keys apart, never enough to use one.
    static QString mask(const QString& key);

private:
    QStringList m_accepted;     // ordered as added, for a stable GET /_sandbox/keys
    QSet<QString> m_revoked;
    QSet<QString> m_unauthorized;
};

} // namespace fetchmedia::sandbox
