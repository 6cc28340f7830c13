// fetchmedia: the desktop app. Everything but argument parsing lives in Application and below.
#include "app/application.h"
#include "app/core/instance/singleinstance.h"
#include "app/core/intake/linkintake.h"
#include "app/core/storage/settings.h"
#include "fetchmedia_version.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QNetworkProxyFactory>
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
    // The system's proxy settings apply, as in a browser.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

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
    // One window per user: a running one takes the links and comes to the front (C30).
    SingleInstance instance;
    if (instance.start(positional) == SingleInstance::Role::Secondary)
        return 0;
    options.links = urlsOf(linksFromArguments(positional).links);

    Application application(options);
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &application,
                     [&application](const QStringList &arguments) {
                         if (MainWindow *window = application.window())
                             window->receiveArguments(arguments);
                     });
    QString problem;
    if (!application.start(&problem)) {
        QMessageBox::critical(nullptr, QObject::tr("FetchMedia"),
                              QObject::tr("FetchMedia could not start: %1").arg(problem));
        return 1;
    }
    return QApplication::exec();
}
