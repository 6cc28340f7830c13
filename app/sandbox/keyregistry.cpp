#include "app/sandbox/keyregistry.h"

namespace fetchmedia::sandbox {

KeyRegistry::KeyRegistry(const QStringList& initialKeys)
{
    for (const QString& key : initialKeys)
        add(key);
}

void KeyRegistry::add(const QString& key)
{
    if (!m_accepted.contains(key))
        m_accepted.append(key);
    m_revoked.remove(key);
    m_unauthorized.remove(key);
}

bool KeyRegistry::revoke(const QString& key)
{
    if (!m_accepted.removeOne(key))
        return false;
    m_revoked.insert(key);
    // The first 401 after the revocation is the one a client needs to see: it is not counted.
    m_unauthorized.remove(key);
    return true;
}

KeyRegistry::Arrival KeyRegistry::noteArrival(const QString& key) const
{
    Arrival arrival;
    if (key.isEmpty() || isAccepted(key) || !m_unauthorized.contains(key))
        return arrival;
    arrival.badAfter401 = true;
    arrival.revokedAfter401 = m_revoked.contains(key);
    return arrival;
}

void KeyRegistry::noteUnauthorized(const QString& key)
{
    if (!key.isEmpty())
        m_unauthorized.insert(key);
}

QString KeyRegistry::mask(const QString& key)
{
    const QChar ellipsis(0x2026);
    if (key.size() >= 16)
        return key.left(7) + ellipsis + key.right(4);
    if (key.size() >= 6)
        return key.left(3) + ellipsis;
    return QString(ellipsis);
}

} // namespace fetchmedia::sandbox
