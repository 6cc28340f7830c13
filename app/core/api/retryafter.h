#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace fetchmedia {

// Seconds a Retry-After header asks for: delta-seconds (digits only), or an HTTP-date
// (IMF-fixdate, RFC 850, asctime) measured against the answer's Date header when there is
// one (the server's clock, so local skew does not matter), else against now.
// Nothing for a value that is neither ("-3", "1.5", "soon", a date without a zone).
std::optional<qint64> parseRetryAfter(const QByteArray &value, const QByteArray &dateHeader,
                                      const QDateTime &now);

// An HTTP-date in any of the three forms RFC 9110 allows, in UTC; invalid when not one.
QDateTime parseHttpDate(const QByteArray &value);

} // namespace fetchmedia
