#pragma once

#include <QByteArray>
#include <QList>
#include <QMimeData>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace fetchmedia::test {

using MimeFormats = QList<QPair<QString, QByteArray>>;

// What a platform drop hands over: the bytes as sent, with none of QMimeData::setData's own
// conversions (it re-parses text/uri-list itself and would hide the parser under test).
class PlatformMimeData final : public QMimeData
{
public:
    explicit PlatformMimeData(MimeFormats formats) : m_formats(std::move(formats)) {}

    QStringList formats() const override
    {
        QStringList names;
        for (const auto &entry : m_formats)
            names << entry.first;
        return names;
    }
    bool hasFormat(const QString &format) const override { return formats().contains(format); }

protected:
    QVariant retrieveData(const QString &format, QMetaType) const override
    {
        for (const auto &entry : m_formats) {
            if (entry.first == format)
                return entry.second;
        }
        return QVariant();
    }

private:
    MimeFormats m_formats;
};

// UTF-16LE bytes of text, as browsers put text/x-moz-url on the clipboard.
inline QByteArray utf16le(const QString &text, bool withBom = false)
{
    QByteArray out = withBom ? QByteArray("\xff\xfe", 2) : QByteArray();
    for (const QChar c : text) {
        out.append(char(c.unicode() & 0xff));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

} // namespace fetchmedia::test
