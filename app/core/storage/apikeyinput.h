#pragma once

#include <QString>

namespace fetchmedia {

// What a pasted text turned out to be. Refused text never reaches the keychain.
struct ApiKeyInput {
    enum class Verdict {
        Accepted,        // looks like a FetchMedia key
        AcceptedUnusual, // stored, with a warning: the service decides what a key is
        Empty,
        Refused,         // cannot be a key (inner spaces, line breaks, too long, control bytes)
    };

    Verdict verdict = Verdict::Empty;
    QString key;  // the cleaned key; empty unless accepted
    QString hint; // for the person: why it was refused or why it looks unusual

    bool accepted() const { return verdict == Verdict::Accepted || verdict == Verdict::AcceptedUnusual; }

    // Longest text accepted as a key, far under the Windows Credential Manager cap of 2560 bytes.
    static constexpr int kMaxLength = 256;

    // Trims whitespace and a leading "X-API-KEY:" or "Bearer " (any case), then checks the rest.
    static ApiKeyInput fromPasted(const QString &pasted);

    // "fm_0123…cdef": enough to recognise a key, never enough to use it.
    static QString masked(const QString &key);
};

} // namespace fetchmedia
