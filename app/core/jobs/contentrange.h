#pragma once

#include <QByteArray>

#include <optional>

namespace fetchmedia {

// "bytes FIRST-LAST/TOTAL" of a 206, or "bytes */TOTAL" of a 416 (first = last = -1).
// TOTAL "*" (unknown) is -1.
struct ContentRange {
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
};

std::optional<ContentRange> parseContentRange(const QByteArray &header);

} // namespace fetchmedia
