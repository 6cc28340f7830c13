#include "ui/linkreviewdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace fetchmedia {

LinkReviewDialog::LinkReviewDialog(const QList<FoundLink> &links, const QSet<QString> &listedIdentities,
                                   QWidget *parent)
    : QDialog(parent),
      m_links(links),
      m_summary(new QLabel(this)),
      m_details(new QToolButton(this)),
      m_list(new QListWidget(this)),
      m_add(nullptr)
{
    setWindowTitle(tr("Add links"));
    m_list->setAccessibleName(tr("Links found"));
    m_list->setUniformItemSizes(true);
    for (const FoundLink &link : links) {
        const bool duplicate = listedIdentities.contains(linkIdentity(link));
        const bool other = link.platform == Platform::Other;
        m_isDuplicate.append(duplicate);
        m_ticked.append(!duplicate && !other);
        if (duplicate)
            ++m_duplicates;
        else if (other)
            ++m_other;
        else
            ++m_new;
    }

    m_summary->setText(summaryText());
    m_summary->setWordWrap(true);
    m_details->setText(tr("Show links"));
    m_details->setCheckable(true);
    m_details->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_details->setArrowType(Qt::RightArrow);
    m_list->setVisible(false);
    connect(m_details, &QToolButton::toggled, this, [this](bool open) {
        if (open)
            fillList();
        m_list->setVisible(open);
        m_details->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_details->setText(open ? tr("Hide links") : tr("Show links"));
        adjustSize();
    });
    connect(m_list, &QListWidget::itemChanged, this, &LinkReviewDialog::updateAddButton);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    m_add->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_details, 0, Qt::AlignLeft);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    updateAddButton();
    setMinimumWidth(520);
}

// The rows are made when the list is first opened: most reviews end with one click on Add,
// and ten thousand rows would hold the window back for tens of milliseconds.
void LinkReviewDialog::fillList()
{
    if (m_list->count() > 0)
        return;
    const QSignalBlocker quiet(m_list); // no itemChanged per row while filling
    for (qsizetype i = 0; i < m_links.size(); ++i) {
        const FoundLink &link = m_links.at(i);
        QString text = link.url.toDisplayString();
        if (m_isDuplicate.at(i))
            text += QStringLiteral("  — ") + tr("already in the list");
        else if (link.platform == Platform::Other)
            text += QStringLiteral("  — ") + tr("not a video site");
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_ticked.at(i) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(link.titleHint.isEmpty() ? platformDisplayName(link.platform)
                                                  : link.titleHint + QStringLiteral(" · ") + platformDisplayName(link.platform));
    }
}

bool LinkReviewDialog::isTicked(qsizetype row) const
{
    return m_list->count() > 0 ? m_list->item(int(row))->checkState() == Qt::Checked : m_ticked.at(row);
}

QString LinkReviewDialog::summaryText() const
{
    QStringList parts;
    if (m_new > 0)
        parts << tr("%n new", nullptr, m_new);
    if (m_duplicates > 0)
        parts << tr("%n already in the list", nullptr, m_duplicates);
    if (m_other > 0)
        parts << tr("%n not a video site", nullptr, m_other);
    return tr("%n links: ", nullptr, int(m_links.size())) + parts.join(QStringLiteral(", "));
}

void LinkReviewDialog::updateAddButton()
{
    int ticked = 0;
    for (qsizetype i = 0; i < m_links.size(); ++i)
        ticked += isTicked(i);
    m_add->setEnabled(ticked > 0);
    m_add->setText(ticked == 1 ? tr("Add 1 link") : tr("Add %1 links").arg(ticked));
}

QList<QUrl> LinkReviewDialog::chosenNew() const
{
    QList<QUrl> out;
    for (qsizetype i = 0; i < m_links.size(); ++i) {
        if (isTicked(i) && !m_isDuplicate.at(i))
            out.append(m_links.at(i).url);
    }
    return out;
}

QList<QUrl> LinkReviewDialog::chosenDuplicates() const
{
    QList<QUrl> out;
    for (qsizetype i = 0; i < m_links.size(); ++i) {
        if (isTicked(i) && m_isDuplicate.at(i))
            out.append(m_links.at(i).url);
    }
    return out;
}

} // namespace fetchmedia
