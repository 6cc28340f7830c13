// fetchmedia: the desktop app. Everything but argument parsing lives in Application and below.
#include "app/application.h"
#include "app/core/intake/linkextractor.h"
#include "app/core/storage/settings.h"
#include "fetchmedia_version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>

#include <cstdio>

using namespace fetchmedia;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FetchMedia"));
    QApplication::setApplicationName(QStringLiteral("fetchmedia"));
    QApplication::setApplicationDisplayName(QStringLiteral("FetchMedia"));
    QApplication::setApplicationVersion(QStringLiteral(FETCHMEDIA_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(FETCHMEDIA_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "FetchMedia Desktop: paste links to public videos, get the files."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QCoreApplication::translate("main", "Use the built-in API emulator; no account or key needed."));
    const QCommandLineOption downloadDirOption(
        QStringLiteral("download-dir"),
        QCoreApplication::translate("main", "Save downloads in this folder for this run."),
        QStringLiteral("dir"));
    const QCommandLineOption apiBaseOption(
        QStringLiteral("api-base"),
        QCoreApplication::translate("main", "API base URL for this run."), QStringLiteral("url"));
    parser.addOptions({sandboxOption, downloadDirOption, apiBaseOption});
    parser.addPositionalArgument(QStringLiteral("urls"),
                                 QCoreApplication::translate("main", "Links to add to the queue."),
                                 QStringLiteral("[URL...]"));
    parser.process(app);

    StartOptions options;
    options.sandbox = parser.isSet(sandboxOption);
    if (parser.isSet(downloadDirOption))
        options.downloadFolder = QDir(parser.value(downloadDirOption)).absolutePath();
    if (parser.isSet(apiBaseOption)) {
        options.apiBase = QUrl(parser.value(apiBaseOption), QUrl::StrictMode);
        if (auto problem = Settings::validateApiBaseUrl(options.apiBase)) {
            std::fprintf(stderr, "fetchmedia: %s\n", qPrintable(*problem));
            return 2;
        }
    }
    const QStringList positional = parser.positionalArguments();
    for (const QString &argument : positional)
        options.links += extractLinks(argument);

    Application application(options);
    QString problem;
    if (!application.start(&problem)) {
        QMessageBox::critical(nullptr, QObject::tr("FetchMedia"),
                              QObject::tr("FetchMedia could not start: %1").arg(problem));
        return 1;
    }
    return QApplication::exec();
}
