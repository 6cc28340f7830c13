#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace fetchmedia {

// Finds the links in pasted text: split on any white space, trailing punctuation dropped,
// a missing scheme added for www.* and known video hosts, http upgraded to https for known
// video hosts. Each link appears once, in the order of the text. Links glued to CJK text,
// Markdown "[t](url)" and "<url>" are unwrapped. A link longer than kMaxLinkLength is refused
// whole, never cut; *tooLong counts those.
QList<QUrl> extractLinks(const QString &text, int *tooLong = nullptr);

// Longest link accepted: the 8000 octets RFC 9110 (section 4.1) asks every HTTP party to
// support in a request line; longer ones are refused with a message.
inline constexpr qsizetype kMaxLinkLength = 8000;

// One candidate token to a link, or an invalid QUrl when it is not one.
QUrl linkFromToken(QString token);

} // namespace fetchmedia
