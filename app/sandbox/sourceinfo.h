#pragma once

#include <QtCore/QString>
#include <QtCore/QUrl>

namespace fetchmedia::sandbox {

// Deterministic behaviours a test or demo asks for through the submitted URL's query
// parameter fm_sandbox=VALUE (also listed in --help, sandboxoptions.cpp):
//   fail       the fetch ends failed: "Video unavailable: it may be private or removed"
//   stuck      the fetch stays running forever
//   http500    POST /v1/fetch answers 500 with an HTML body; no job is created
//   malformed  GET /v1/fetch/{id} answers 200 with truncated JSON
//   stall      the storage download sends headers and half the body, then goes quiet
//              with the connection left open
// Not a parameter: a short link (youtu.be, vm./vt.tiktok.com, fb.watch) whose path contains
// "expired" ends failed with "Video not found"; an unknown host ends failed, "Unsupported URL".
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
