#pragma once

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/jobstore.h"
#include "ui/mainwindow.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

namespace fetchmedia::test {

// The main window over a real job store (in a temporary folder) and a paused queue: nothing
// leaves, so the list and the store are what a test or a benchmark looks at.
struct PausedWindow {
    QTemporaryDir dir;
    QNetworkAccessManager network;
    ApiClient api{&network};
    JobStore store;
    JobQueue queue{&api, &network};
    std::unique_ptr<MainWindow> window;

    PausedWindow()
    {
        store.open(dir.filePath(QStringLiteral("jobs.sqlite")));
        queue.setStore(&store);
        queue.setPaused(true);
        window = std::make_unique<MainWindow>(&queue);
        window->show();
    }
};

} // namespace fetchmedia::test
