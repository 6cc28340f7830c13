#include "app/sandbox/flakyanswers.h"

namespace fetchmedia::sandbox {

FlakyAnswers::FlakyAnswers(double share, quint32 seed)
    : m_share(share)
    , m_random(seed)
{
}

std::optional<HttpReply> FlakyAnswers::draw()
{
    if (m_share <= 0 || m_random.generateDouble() >= m_share)
        return std::nullopt;
    static const int statuses[] = {500, 502, 503};
    const int status = statuses[m_next];
    m_next = (m_next + 1) % 3;
    // What a load balancer in front of the API sends: HTML, not the API's JSON.
    HttpReply reply;
    reply.status = status;
    reply.setHeader("Content-Type", "text/html; charset=utf-8");
    const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status).toLatin1();
    reply.body = "<html><head><title>" + title + "</title></head><body><h1>" + title
        + "</h1></body></html>\n";
    return reply;
}

} // namespace fetchmedia::sandbox
