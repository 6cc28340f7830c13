#pragma once

#include <QString>

namespace fetchmedia {

// Forces a finished file and the rename that named it onto the disk, on a pool thread.
// A finished download is complete in the page cache, as with curl or a browser; waiting for
// the disk before saying so would halve throughput and block the caller for seconds per GiB.
// This closes the window in which a power cut could leave an empty file behind, without
// anyone waiting for it. Failures are logged: the bytes are already where they belong.
void syncToDiskInBackground(const QString &filePath);

} // namespace fetchmedia
