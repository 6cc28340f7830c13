#pragma once

#include <QString>
#include <QUrl>

namespace fetchmedia {

enum class Platform { TikTok, Instagram, YouTube, X, Facebook, Vimeo, Reddit, Other };

Platform detectPlatform(const QUrl &url);
QString platformDisplayName(Platform platform); // "TikTok", …, "Other site"
// Stable lower-case name for keys and scripts: tiktok, instagram, youtube, x, facebook, vimeo, reddit, other.
QString platformSlug(Platform platform);
bool isKnownVideoHost(const QString &host);

} // namespace fetchmedia
