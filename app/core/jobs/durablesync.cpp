#include "app/core/jobs/durablesync.h"

#include "app/core/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fetchmedia {

namespace {

#ifdef Q_OS_UNIX
bool syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}
#endif

} // namespace

void syncToDiskInBackground(const QString &filePath)
{
#ifdef Q_OS_UNIX
    // The global pool is waited for when the application object goes away.
    QThreadPool::globalInstance()->start([filePath] {
        const QString folder = QFileInfo(filePath).absolutePath();
        if (!syncPath(filePath) || !syncPath(folder))
            qCWarning(lcDownload) << "could not force" << QDir::toNativeSeparators(filePath) << "onto the disk";
    });
#else
    Q_UNUSED(filePath) // Windows: FlushFileBuffers would go here; not done yet.
#endif
}

} // namespace fetchmedia
