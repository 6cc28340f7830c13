#pragma once

// Helpers of the keychain tests: running the real programs, and searching for a key.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace fetchmedia::keychaintest {

struct Run {
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    QByteArray all() const { return out + err; }
};

// Runs a program to its end (a child process: the honest way to test a command line).
inline Run run(const QString &program, const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
               int timeoutMs = 30000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(10000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// The key in the spellings a file could hold it in.
inline QList<QByteArray> spellings(const QString &key)
{
    QByteArray utf16;
    for (const QChar c : key) {
        utf16.append(char(c.unicode() & 0xff));
        utf16.append(char(c.unicode() >> 8));
    }
    return {key.toUtf8(), utf16, key.toUtf8().toBase64(), key.toUtf8().toPercentEncoding()};
}

inline bool containsKey(const QByteArray &data, const QString &key)
{
    for (const QByteArray &spelling : spellings(key)) {
        if (data.contains(spelling))
            return true;
    }
    return false;
}

// Every regular file under root (hidden ones too) that holds the key.
inline QStringList filesContaining(const QString &root, const QString &key, int *filesSearched = nullptr)
{
    QStringList hits;
    int searched = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue; // sockets, pipes
        ++searched;
        if (containsKey(file.readAll(), key))
            hits << path;
    }
    if (filesSearched)
        *filesSearched = searched;
    return hits;
}

inline QString home()
{
    return qEnvironmentVariable("KEYRING_TEST_HOME");
}

} // namespace fetchmedia::keychaintest
