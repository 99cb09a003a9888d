#include "mime/bounce_report.h"

namespace bouncescan::mime {

std::string_view ReportKindName(ReportKind kind) {
  switch (kind) {
    case ReportKind::kNone: return "none";
    case ReportKind::kDsn: return "dsn";
    case ReportKind::kBounce: return "bounce";
    case ReportKind::kFeedback: return "feedback";
    case ReportKind::kAutoreply: return "autoreply";
    case ReportKind::kDelay: return "delay";
  }
  return "none";
}

}  // namespace bouncescan::mime
