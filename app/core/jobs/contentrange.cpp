#include "app/core/jobs/contentrange.h"

namespace fetchmedia {

namespace {

std::optional<qint64> parseCount(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toLongLong();
}

} // namespace

std::optional<ContentRange> parseContentRange(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes "))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype slash = spec.indexOf('/');
    if (slash < 0)
        return std::nullopt;
    ContentRange range;
    const QByteArray totalText = spec.mid(slash + 1);
    if (totalText != "*") {
        const auto total = parseCount(totalText);
        if (!total)
            return std::nullopt;
        range.total = *total;
    }
    const QByteArray span = spec.left(slash);
    if (span == "*")
        return range.total >= 0 ? std::optional(range) : std::nullopt;
    const qsizetype dash = span.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const auto first = parseCount(span.left(dash));
    const auto last = parseCount(span.mid(dash + 1));
    if (!first || !last || *last < *first || (range.total >= 0 && *last >= range.total))
        return std::nullopt;
    range.first = *first;
    range.last = *last;
    return range;
}

} // namespace fetchmedia
