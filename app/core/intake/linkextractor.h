#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace fetchmedia {

// Finds the links in pasted text: split on any white space, trailing punctuation dropped,
// a missing scheme added for www.* and known video hosts, http upgraded to https for known
// video hosts. Each link appears once, in the order of the text.
QList<QUrl> extractLinks(const QString &text);

// One candidate token to a link, or an invalid QUrl when it is not one.
QUrl linkFromToken(QString token);

} // namespace fetchmedia
