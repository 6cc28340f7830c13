#pragma once

#include <QLineEdit>

namespace fetchmedia {

// The box one link is typed or pasted into. A paste of several lines or of a long text (an
// export, a chat log) goes to the intake whole instead: a line edit would flatten its lines
// and cut it at 32,767 characters without a word.
class UrlBox final : public QLineEdit
{
    Q_OBJECT
public:
    explicit UrlBox(QWidget *parent = nullptr);

    // More than a link's worth: handed on rather than inserted.
    static bool isBulkText(const QString &text);
    static constexpr qsizetype kBulkChars = 2048;

Q_SIGNALS:
    void bulkPasted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void pasteOrHandOn();
};

} // namespace fetchmedia
