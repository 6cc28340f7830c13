#include "ui/urlbox.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>

namespace fetchmedia {

UrlBox::UrlBox(QWidget *parent) : QLineEdit(parent) {}

bool UrlBox::isBulkText(const QString &text)
{
    return text.size() > kBulkChars || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
}

void UrlBox::pasteOrHandOn()
{
    const QString text = QApplication::clipboard()->text();
    if (isBulkText(text))
        Q_EMIT bulkPasted(text);
    else
        paste();
}

void UrlBox::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Paste) && !isReadOnly()) {
        pasteOrHandOn();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void UrlBox::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // Qt names its standard actions; the Paste entry takes the same route as the keys.
    if (QAction *paste = menu->findChild<QAction *>(QStringLiteral("edit-paste"))) {
        disconnect(paste, &QAction::triggered, this, &QLineEdit::paste);
        connect(paste, &QAction::triggered, this, &UrlBox::pasteOrHandOn);
    }
    menu->popup(event->globalPos());
}

} // namespace fetchmedia
