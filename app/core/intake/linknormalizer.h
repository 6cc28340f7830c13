#pragma once

#include <QString>
#include <QUrl>

namespace fetchmedia {

// Same video, same key: "tiktok:7000000000000000001", "youtube:AbCdEfGhIj0",
// "instagram:AbCdEfGhIjK", "x:1700000000000000001", "facebook:…", "vimeo:…", "reddit:…".
// Empty when the id is not in the URL (share and short links): those are never resolved
// locally, the service answers with the canonical URL later.
QString dedupeKey(const QUrl &url);

// The link as shown, stored and sent: per-platform tracking parameters dropped, everything
// that selects the media (path, YouTube v/t, …) kept, percent-encoding untouched.
QUrl normalizeLink(const QUrl &url);

} // namespace fetchmedia
