#pragma once

#include "app/core/intake/linkintake.h"

#include <QDialog>
#include <QSet>

class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace fetchmedia {

// Shown when a paste or drop holds more than one link: a one-line summary ("12 links: 9 new,
// 2 already in the list, 1 not a video site") with Add, and a list to expand and untick.
// New video links start ticked; links already listed and other sites start unticked, so
// one click on Add does the expected thing and nothing surprising is sent.
class LinkReviewDialog final : public QDialog
{
    Q_OBJECT
public:
    // listedIdentities: key or "url:<link>" of each job already in the list.
    LinkReviewDialog(const QList<FoundLink> &links, const QSet<QString> &listedIdentities,
                     QWidget *parent = nullptr);

    QString summaryText() const;
    // After Accept: what the person left ticked, split by whether it is a duplicate.
    QList<QUrl> chosenNew() const;
    QList<QUrl> chosenDuplicates() const;

    int newCount() const { return m_new; }
    int duplicateCount() const { return m_duplicates; }
    int otherSiteCount() const { return m_other; }
    QListWidget *list() const { return m_list; } // empty until "Show links" is first opened
    QPushButton *addButton() const { return m_add; }
    QToolButton *detailsButton() const { return m_details; }

private:
    void fillList();
    bool isTicked(qsizetype row) const;
    void updateAddButton();

    QList<FoundLink> m_links;
    QList<bool> m_isDuplicate;
    QList<bool> m_ticked; // the first ticks, until the list is filled and holds them
    QLabel *m_summary;
    QToolButton *m_details;
    QListWidget *m_list;
    QPushButton *m_add;
    int m_new = 0;
    int m_duplicates = 0;
    int m_other = 0;
};

} // namespace fetchmedia
