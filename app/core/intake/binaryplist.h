#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

namespace fetchmedia {

// A small reader for Apple's binary property lists ("bplist00"), enough for .webloc files:
// dictionaries, arrays, strings (ASCII and UTF-16), integers, reals, booleans and data.
// Every offset is bounds-checked and nesting is limited, so a hostile file yields an error,
// never a crash. Returns an invalid QVariant and sets *problem when the data is not readable.
QVariant readBinaryPlist(const QByteArray &data, QString *problem = nullptr);

bool isBinaryPlist(const QByteArray &data);

} // namespace fetchmedia
