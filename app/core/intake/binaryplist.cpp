#include "app/core/intake/binaryplist.h"

#include <QVariantList>
#include <QVariantMap>

#include <cstring>

namespace fetchmedia {

namespace {

constexpr int kMaxDepth = 32;
constexpr int kTrailerSize = 32;
constexpr int kMaxVisits = 100000; // shared references could otherwise expand exponentially

class Reader
{
public:
    explicit Reader(const QByteArray &data) : m_data(data) {}

    bool readTrailer()
    {
        if (m_data.size() < 8 + kTrailerSize)
            return fail(QStringLiteral("too short"));
        const qsizetype t = m_data.size() - kTrailerSize;
        m_offsetSize = quint8(m_data.at(t + 6));
        m_refSize = quint8(m_data.at(t + 7));
        m_objectCount = be(t + 8, 8);
        m_topObject = be(t + 16, 8);
        m_offsetTable = be(t + 24, 8);
        if (m_offsetSize < 1 || m_offsetSize > 8 || m_refSize < 1 || m_refSize > 8)
            return fail(QStringLiteral("bad integer sizes"));
        if (m_objectCount == 0 || m_topObject >= m_objectCount || m_offsetTable < 8
            || m_objectCount > quint64(t) || m_offsetTable + m_objectCount * m_offsetSize > quint64(t))
            return fail(QStringLiteral("bad offset table"));
        return true;
    }

    QVariant top() { return object(m_topObject, 0); }
    QString problem() const { return m_problem; }

private:
    bool fail(const QString &why)
    {
        if (m_problem.isEmpty())
            m_problem = why;
        return false;
    }

    bool inBounds(quint64 offset, quint64 length) const
    {
        return offset <= quint64(m_data.size()) && length <= quint64(m_data.size()) - offset;
    }

    // Big-endian unsigned integer of width bytes at offset; the caller checked the bounds.
    quint64 be(quint64 offset, int width) const
    {
        quint64 value = 0;
        for (int i = 0; i < width; ++i)
            value = (value << 8) | quint8(m_data.at(qsizetype(offset) + i));
        return value;
    }

    // The count in a marker's low nibble, or the integer object after it when the nibble is 0xF.
    bool count(quint64 &pos, quint8 marker, quint64 &out)
    {
        out = marker & 0x0f;
        if (out != 0x0f)
            return true;
        if (!inBounds(pos, 1))
            return fail(QStringLiteral("truncated count"));
        const quint8 intMarker = quint8(m_data.at(qsizetype(pos)));
        if ((intMarker & 0xf0) != 0x10)
            return fail(QStringLiteral("bad count"));
        const int width = 1 << (intMarker & 0x0f);
        if (width > 8 || !inBounds(pos + 1, quint64(width)))
            return fail(QStringLiteral("truncated count"));
        out = be(pos + 1, width);
        pos += 1 + quint64(width);
        return true;
    }

    QVariant object(quint64 index, int depth)
    {
        if (++m_visits > kMaxVisits) {
            fail(QStringLiteral("too many objects"));
            return QVariant();
        }
        if (depth > kMaxDepth) {
            fail(QStringLiteral("nested too deep"));
            return QVariant();
        }
        if (index >= m_objectCount) {
            fail(QStringLiteral("bad object reference"));
            return QVariant();
        }
        const quint64 offset = be(m_offsetTable + index * m_offsetSize, m_offsetSize);
        if (!inBounds(offset, 1) || offset >= m_offsetTable) {
            fail(QStringLiteral("bad object offset"));
            return QVariant();
        }
        const quint8 marker = quint8(m_data.at(qsizetype(offset)));
        quint64 pos = offset + 1;
        switch (marker >> 4) {
        case 0x0:
            if (marker == 0x08 || marker == 0x09)
                return QVariant(marker == 0x09);
            return QVariant();
        case 0x1: {
            const int width = 1 << (marker & 0x0f);
            if (width > 8 || !inBounds(pos, quint64(width)))
                break;
            return QVariant(qint64(be(pos, width)));
        }
        case 0x2: {
            const int width = 1 << (marker & 0x0f);
            if (width == 8 && inBounds(pos, 8)) {
                const quint64 bits = be(pos, 8);
                double value;
                std::memcpy(&value, &bits, sizeof value);
                return QVariant(value);
            }
            if (width == 4 && inBounds(pos, 4)) {
                const quint32 bits = quint32(be(pos, 4));
                float value;
                std::memcpy(&value, &bits, sizeof value);
                return QVariant(double(value));
            }
            break;
        }
        case 0x4:
        case 0x5:
        case 0x6: {
            quint64 n = 0;
            if (!count(pos, marker, n))
                return QVariant();
            const bool utf16 = (marker >> 4) == 0x6;
            const quint64 bytes = utf16 ? n * 2 : n;
            if (n > quint64(m_data.size()) || !inBounds(pos, bytes))
                break;
            const QByteArray raw = m_data.mid(qsizetype(pos), qsizetype(bytes));
            if ((marker >> 4) == 0x4)
                return QVariant(raw);
            if (!utf16)
                return QVariant(QString::fromLatin1(raw));
            QString text;
            text.reserve(qsizetype(n));
            for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
                text.append(QChar(ushort((quint8(raw.at(i)) << 8) | quint8(raw.at(i + 1)))));
            return QVariant(text);
        }
        case 0xA:
        case 0xD: {
            quint64 n = 0;
            if (!count(pos, marker, n))
                return QVariant();
            const bool dict = (marker >> 4) == 0xD;
            const quint64 refs = dict ? n * 2 : n;
            if (n > m_objectCount || !inBounds(pos, refs * m_refSize))
                break;
            if (!dict) {
                QVariantList list;
                for (quint64 i = 0; i < n; ++i)
                    list.append(object(be(pos + i * m_refSize, m_refSize), depth + 1));
                return m_problem.isEmpty() ? QVariant(list) : QVariant();
            }
            QVariantMap map;
            for (quint64 i = 0; i < n; ++i) {
                const QVariant key = object(be(pos + i * m_refSize, m_refSize), depth + 1);
                const QVariant value = object(be(pos + (n + i) * m_refSize, m_refSize), depth + 1);
                if (key.typeId() == QMetaType::QString)
                    map.insert(key.toString(), value);
            }
            return m_problem.isEmpty() ? QVariant(map) : QVariant();
        }
        default:
            fail(QStringLiteral("unsupported object type"));
            return QVariant();
        }
        fail(QStringLiteral("truncated object"));
        return QVariant();
    }

    const QByteArray &m_data;
    int m_offsetSize = 0;
    int m_refSize = 0;
    quint64 m_objectCount = 0;
    quint64 m_topObject = 0;
    quint64 m_offsetTable = 0;
    int m_visits = 0;
    QString m_problem;
};

} // namespace

bool isBinaryPlist(const QByteArray &data)
{
    return data.startsWith("bplist0");
}

QVariant readBinaryPlist(const QByteArray &data, QString *problem)
{
    if (!isBinaryPlist(data)) {
        if (problem)
            *problem = QStringLiteral("not a binary plist");
        return QVariant();
    }
    Reader reader(data);
    QVariant value;
    if (reader.readTrailer())
        value = reader.top();
    if (!reader.problem().isEmpty()) {
        if (problem)
            *problem = reader.problem();
        return QVariant();
    }
    return value;
}

} // namespace fetchmedia
