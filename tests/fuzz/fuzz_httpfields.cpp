// libFuzzer target: the header fields a server controls and the client parses by hand:
// Retry-After and Date, Content-Range, Content-Disposition and the file name made from it.
#include "app/core/api/retryafter.h"
#include "app/core/jobs/contentrange.h"
#include "app/core/jobs/filenames.h"

#include <QTimeZone>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace fetchmedia;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Two fields in one input, split at the first newline.
    const qsizetype split = input.indexOf('\n');
    const QByteArray first = split < 0 ? input : input.left(split);
    const QByteArray second = split < 0 ? QByteArray() : input.mid(split + 1);

    const QDateTime now(QDate(2026, 12, 3), QTime(12, 0), QTimeZone::utc());
    (void)parseRetryAfter(first, second, now);
    (void)parseHttpDate(first);
    if (const auto range = parseContentRange(first)) {
        if (range->first > range->last && range->first >= 0)
            __builtin_trap(); // the parser promised first <= last
    }
    const QString name = sanitizeFileName(contentDispositionFileName(input));
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        __builtin_trap(); // a sanitised name is never empty and never a path
    if (name.toUtf8().size() > kMaxStemBytes + 11)
        __builtin_trap();
    return 0;
}
