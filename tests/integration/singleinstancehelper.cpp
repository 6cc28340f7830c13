// A stand-in for a launch of the app: runs SingleInstance with its arguments and reports on
// stdout. "PRIMARY", "SECONDARY" or "STANDALONE" first; a primary then prints "GOT <arg>" for
// each argument handed to it and keeps running until killed.
#include "app/core/instance/singleinstance.h"

#include <QCoreApplication>

#include <cstdio>

using namespace fetchmedia;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    SingleInstance instance;
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &app, [](const QStringList &received) {
        for (const QString &argument : received)
            std::printf("GOT %s\n", qPrintable(argument));
        std::fflush(stdout);
    });
    switch (instance.start(arguments, 2000)) {
    case SingleInstance::Role::Secondary:
        std::puts("SECONDARY");
        return 0;
    case SingleInstance::Role::Standalone:
        std::puts("STANDALONE");
        return 3;
    case SingleInstance::Role::Primary:
        break;
    }
    std::puts("PRIMARY");
    for (const QString &argument : arguments)
        std::printf("OWN %s\n", qPrintable(argument));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
