#include "app/core/api/retryafter.h"

#include <QLocale>
#include <QTimeZone>

namespace fetchmedia {

QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value.simplified());
    const QLocale c = QLocale::c();
    // The weekday is left out of the parse: it says nothing the date does not, and a wrong
    // one must not turn a valid date into none.
    const qsizetype comma = text.indexOf(QLatin1String(", "));
    const QString afterWeekday = comma > 0 ? text.mid(comma + 2) : text.section(QLatin1Char(' '), 1);
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
    QDateTime parsed = c.toDateTime(afterWeekday, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!parsed.isValid() && comma > 0) {
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT; Qt reads yy as 19yy.
        parsed = c.toDateTime(afterWeekday, QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"));
        if (parsed.isValid() && parsed.date().year() < 1970)
            parsed = parsed.addYears(100);
    }
    if (!parsed.isValid() && comma < 0) // asctime: Sun Nov  6 08:49:37 1994
        parsed = c.toDateTime(afterWeekday, QStringLiteral("MMM d HH:mm:ss yyyy"));
    if (!parsed.isValid())
        return QDateTime();
    parsed.setTimeZone(QTimeZone::utc());
    return parsed;
}

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QByteArray &dateHeader,
                                      const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool allDigits = trimmed.size() <= 10;
    for (const char c : trimmed)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits)
        return trimmed.toLongLong();

    const QDateTime when = parseHttpDate(trimmed);
    if (!when.isValid())
        return std::nullopt;
    const QDateTime serverNow = parseHttpDate(dateHeader);
    const QDateTime reference = serverNow.isValid() ? serverNow : now.toUTC();
    return std::max<qint64>(0, reference.secsTo(when));
}

} // namespace fetchmedia
