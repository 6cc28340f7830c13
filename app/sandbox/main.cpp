// fetchmedia-sandbox: runs the local FetchMedia API emulator until SIGINT/SIGTERM.
// The first stdout line is the machine-readable API base URL; scripts wait for it.

#include "app/sandbox/sandboxoptions.h"
#include "app/sandbox/sandboxserver.h"
#include "app/sandbox/signalwatcher.h"

#include "fetchmedia_version.h"

#include <QtCore/QCoreApplication>

#include <cstdio>

using namespace fetchmedia::sandbox;

namespace {

void printLine(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fprintf(stream, "%s\n", bytes.constData());
    std::fflush(stream);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fetchmedia-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FETCHMEDIA_VERSION));

    const CommandLine commandLine = parseCommandLine(QCoreApplication::arguments());
    switch (commandLine.action) {
    case CommandLine::Action::Help:
    case CommandLine::Action::Version:
        printLine(stdout, commandLine.text);
        return 0;
    case CommandLine::Action::Error:
        printLine(stderr, QStringLiteral("fetchmedia-sandbox: %1 (see --help)").arg(commandLine.text));
        return 2;
    case CommandLine::Action::Run:
        break;
    }

    // The request log goes to stderr; a plain pattern unless the user set QT_MESSAGE_PATTERN.
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time hh:mm:ss.zzz} %{message}"));

    SandboxServer server(commandLine.options);
    QString error;
    if (!server.start(&error)) {
        printLine(stderr, QStringLiteral("fetchmedia-sandbox: %1").arg(error));
        return 1;
    }
    printLine(stdout, QStringLiteral("fetchmedia-sandbox listening on ") + server.apiBaseUrl().toString());
    for (const QString& key : server.options().keys)
        printLine(stdout, QStringLiteral("key: ") + key);
    printLine(stdout, QStringLiteral("storage: ") + server.storageBaseUrl().toString());

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app,
                     [](int) { QCoreApplication::quit(); });
    return QCoreApplication::exec();
}
