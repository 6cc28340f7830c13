#pragma once

#include "app/core/intake/linkintake.h"

#include <QObject>
#include <QSet>

namespace fetchmedia {

// Watches the clipboard, when the person turned that on (off by default), for links to known
// video sites. Text this app put on the clipboard itself is ignored, and a link seen once is
// not offered again in this session.
class ClipboardWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit ClipboardWatcher(QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // The decision, separate from QClipboard so it can be tested without a display server.
    QList<FoundLink> takeFrom(const QString &text, bool ownedByUs);

Q_SIGNALS:
    void linksCaptured(const QList<fetchmedia::FoundLink> &links);

private:
    void onClipboardChanged();

    bool m_enabled = false;
    QString m_lastText;
    QSet<QString> m_seen;
};

} // namespace fetchmedia
