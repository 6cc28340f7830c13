#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>

namespace fetchmedia {

// One line of UTF-8 on a terminal stream, flushed at once so that scripts see it in order.
inline void printLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace fetchmedia
