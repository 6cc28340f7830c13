#pragma once

#include <QtCore/QString>
#include <QtCore/QUrl>

namespace fetchmedia::sandbox {

// Deterministic behaviours a test or demo asks for through the submitted URL's query
// (fm_sandbox=VALUE); see the --help text.
enum class Trigger { None, Fail, Stuck, Http500, Malformed, Stall };

// What the sandbox "knows" about a submitted media page URL: which platform it is on, which
// file it becomes, and how its fetch is going to end.
struct SourceInfo {
    QString platform;        // "youtube", "tiktok", …, "direct"; empty when unsupported
    QString videoId;         // empty when none can be read from the URL
    QString fileName;        // <platform>-<id>.mp4, the direct file's name, or output.mp4
    Trigger trigger = Trigger::None;
    QString failure;         // non-empty: the fetch ends failed with this error
};

// True for an absolute http(s) URL with a host: the only thing the API validates synchronously.
bool isAcceptableUrl(const QString& text, QUrl* parsed = nullptr);

SourceInfo classifySource(const QUrl& url);

} // namespace fetchmedia::sandbox
