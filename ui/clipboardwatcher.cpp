#include "ui/clipboardwatcher.h"

#include <QClipboard>
#include <QGuiApplication>

namespace fetchmedia {

ClipboardWatcher::ClipboardWatcher(QObject *parent) : QObject(parent)
{
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &ClipboardWatcher::onClipboardChanged);
}

void ClipboardWatcher::setEnabled(bool enabled)
{
    if (enabled && !m_enabled) // what is on the clipboard when it is turned on is old news
        m_lastText = QGuiApplication::clipboard()->text();
    m_enabled = enabled;
}

QList<FoundLink> ClipboardWatcher::takeFrom(const QString &text, bool ownedByUs)
{
    QList<FoundLink> links;
    if (!m_enabled || ownedByUs || text == m_lastText)
        return links;
    m_lastText = text;
    if (text.size() > 100000) // a copied document, not a link
        return links;
    const IntakeResult found = linksFromText(text);
    for (const FoundLink &link : found.links) {
        if (link.platform == Platform::Other)
            continue;
        const QString identity = linkIdentity(link);
        if (m_seen.contains(identity))
            continue;
        m_seen.insert(identity);
        links.append(link);
    }
    return links;
}

void ClipboardWatcher::onClipboardChanged()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    const QList<FoundLink> links = takeFrom(clipboard->text(), clipboard->ownsClipboard());
    if (!links.isEmpty())
        Q_EMIT linksCaptured(links);
}

} // namespace fetchmedia
