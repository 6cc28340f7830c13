#pragma once

#include <QByteArray>

namespace fetchmedia {

// `fetchmedia-cli extract [--json]`: the links in standard input, found by the same intake
// code as the app, in order of first appearance with duplicates merged. One line per link:
// normalised URL, tab, platform, tab, key ("-" when none); or a JSON array of
// {"url", "platform", "key"} (key null when none).
QByteArray extractReport(const QByteArray &input, bool json);
int runExtract(bool json);

} // namespace fetchmedia
