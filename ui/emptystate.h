#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace fetchmedia {

// What an empty job list shows: how to start, or, with no key yet, the two ways in.
class EmptyState final : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);
    void setNeedsKey(bool needsKey);

Q_SIGNALS:
    void enterKeyClicked();
    void trySandboxClicked();

private:
    QLabel *m_headline;
    QLabel *m_detail;
    QPushButton *m_enterKey;
    QPushButton *m_trySandbox;
};

} // namespace fetchmedia
