// The curl_* functions the program calls, forwarding to the libcurl LoadCurl() opened.
//
// Only the functions the code calls are here: a new one fails to link until it is added to
// kCurlFunctions and given a forwarder below. The function pointer types are taken from
// <curl/curl.h> (decltype), and the forwarders are definitions of the header's own
// declarations, so the compiler checks every signature against libcurl's.
#include "dynlib/curl_runtime.h"

#include <curl/curl.h>

#include <cstdarg>
#include <optional>

#include "dynlib/shared_library.h"

// <curl/curl.h> makes these three function-like macros (to count their arguments, and under
// GCC in C to check their types): here they are defined, not called.
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt

namespace bouncescan::dynlib {
namespace {

// X(name) for every libcurl function resolved.
#define BOUNCESCAN_CURL_FUNCTIONS(X)                                                                      \
  X(curl_global_init) X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_perform) X(curl_easy_getinfo)    \
  X(curl_easy_cleanup) X(curl_easy_strerror) X(curl_free) X(curl_slist_append) X(curl_slist_free_all)    \
  X(curl_multi_init) X(curl_multi_setopt) X(curl_multi_add_handle) X(curl_multi_remove_handle)           \
  X(curl_multi_perform) X(curl_multi_fdset) X(curl_multi_timeout) X(curl_multi_info_read)                \
  X(curl_multi_cleanup) X(curl_url) X(curl_url_set) X(curl_url_get) X(curl_url_cleanup)

struct CurlApi {
#define BOUNCESCAN_MEMBER(name) decltype(&::name) name = nullptr;
  BOUNCESCAN_CURL_FUNCTIONS(BOUNCESCAN_MEMBER)
#undef BOUNCESCAN_MEMBER
};

Status Resolve(const SharedLibrary& library, CurlApi* api) {
#define BOUNCESCAN_BIND(name) \
  if (Status s = library.Bind(#name, &api->name); !s.ok()) return s;
  BOUNCESCAN_CURL_FUNCTIONS(BOUNCESCAN_BIND)
#undef BOUNCESCAN_BIND
  return Status::Ok();
}

struct Runtime {
  Status status;                         // of loading
  std::optional<SharedLibrary> library;  // set when status is OK
  CurlApi api;
};

// Built once, never destroyed: libcurl stays loaded (and initialised) until the process
// ends, so no curl handle can outlive it.
const Runtime& TheRuntime() {
  static const Runtime* const runtime = [] {
    auto* r = new Runtime;
    Result<SharedLibrary> library = SharedLibrary::Open(kCurlSoname, kCurlPackage);
    if (!library.ok()) {
      r->status = library.status();
      return r;
    }
    if (Status s = Resolve(*library, &r->api); !s.ok()) {
      r->status = s;
      return r;
    }
    if (CURLcode rc = r->api.curl_global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
      r->status = Status::Internal(std::string("libcurl cannot start: ") + r->api.curl_easy_strerror(rc));
      return r;
    }
    r->library.emplace(std::move(*library));
    return r;
  }();
  return *runtime;
}

// The loaded functions, or null when libcurl could not be loaded.
const CurlApi* Api() {
  const Runtime& r = TheRuntime();
  return r.status.ok() ? &r.api : nullptr;
}

// libcurl numbers each option by the type of its one argument: CURLOPTTYPE_LONG + n,
// CURLOPTTYPE_OBJECTPOINT + n (strings, lists, user data), CURLOPTTYPE_FUNCTIONPOINT + n,
// CURLOPTTYPE_OFF_T + n, CURLOPTTYPE_BLOB + n (a struct curl_blob*), with n < 10000
// (<curl/curl.h>; the same numbering for CURLMoption). The argument is read as that type
// and passed on; an option outside those ranges is refused, as libcurl refuses it.
// Function pointers are read as void(*)(): every function pointer has the same
// representation on the platforms libcurl runs on, and libcurl reads them back by type.
template <typename Code, typename Handle, typename Option>
Code ForwardOption(Code (*set)(Handle*, Option, ...), Handle* handle, Option option, va_list args,
                   Code unknown) {
  const int number = static_cast<int>(option);
  if (number < 0) return unknown;
  switch (number / 10000 * 10000) {
    case CURLOPTTYPE_LONG: return set(handle, option, va_arg(args, long));
    case CURLOPTTYPE_OBJECTPOINT: return set(handle, option, va_arg(args, void*));
    case CURLOPTTYPE_FUNCTIONPOINT: return set(handle, option, va_arg(args, void (*)()));
    case CURLOPTTYPE_OFF_T: return set(handle, option, va_arg(args, curl_off_t));
    case CURLOPTTYPE_BLOB: return set(handle, option, va_arg(args, struct curl_blob*));
    default: return unknown;
  }
}

}  // namespace

Status LoadCurl() { return TheRuntime().status; }

Status CheckCurlLibrary(const std::string& soname) {
  Result<SharedLibrary> library = SharedLibrary::Open(soname, kCurlPackage);
  if (!library.ok()) return library.status();
  CurlApi api;
  return Resolve(*library, &api);
}

}  // namespace bouncescan::dynlib

using bouncescan::dynlib::Api;
using bouncescan::dynlib::ForwardOption;

// The forwarders, in the order of <curl/curl.h>, <curl/easy.h>, <curl/multi.h>, <curl/urlapi.h>.
// Each returns what libcurl returns for a failure when libcurl is not loaded. There is no
// curl_global_init: LoadCurl() runs it.
extern "C" {

void curl_free(void* p) {
  if (const auto* api = Api()) api->curl_free(p);
}

curl_slist* curl_slist_append(curl_slist* list, const char* string) {
  const auto* api = Api();
  return api ? api->curl_slist_append(list, string) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
  if (const auto* api = Api()) api->curl_slist_free_all(list);
}

const char* curl_easy_strerror(CURLcode code) {
  const auto* api = Api();
  return api ? api->curl_easy_strerror(code) : "libcurl is not loaded";
}

CURL* curl_easy_init() {
  const auto* api = Api();
  return api ? api->curl_easy_init() : nullptr;
}

CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  const auto* api = Api();
  if (!api) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, option);
  CURLcode rc = ForwardOption(api->curl_easy_setopt, handle, option, args, CURLE_UNKNOWN_OPTION);
  va_end(args);
  return rc;
}

CURLcode curl_easy_perform(CURL* handle) {
  const auto* api = Api();
  return api ? api->curl_easy_perform(handle) : CURLE_FAILED_INIT;
}

void curl_easy_cleanup(CURL* handle) {
  if (const auto* api = Api()) api->curl_easy_cleanup(handle);
}

// Every CURLINFO takes a pointer to where the answer goes (long*, char**, double*, ...).
CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  const auto* api = Api();
  if (!api) return CURLE_FAILED_INIT;
  va_list args;
  va_start(args, info);
  void* out = va_arg(args, void*);
  va_end(args);
  return api->curl_easy_getinfo(handle, info, out);
}

CURLM* curl_multi_init() {
  const auto* api = Api();
  return api ? api->curl_multi_init() : nullptr;
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* easy) {
  const auto* api = Api();
  return api ? api->curl_multi_add_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* easy) {
  const auto* api = Api();
  return api ? api->curl_multi_remove_handle(multi, easy) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_fdset(CURLM* multi, fd_set* read_fds, fd_set* write_fds, fd_set* exc_fds, int* max_fd) {
  const auto* api = Api();
  return api ? api->curl_multi_fdset(multi, read_fds, write_fds, exc_fds, max_fd) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM* multi, int* running_handles) {
  const auto* api = Api();
  return api ? api->curl_multi_perform(multi, running_handles) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_cleanup(CURLM* multi) {
  const auto* api = Api();
  return api ? api->curl_multi_cleanup(multi) : CURLM_INTERNAL_ERROR;
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* msgs_in_queue) {
  const auto* api = Api();
  return api ? api->curl_multi_info_read(multi, msgs_in_queue) : nullptr;
}

CURLMcode curl_multi_timeout(CURLM* multi, long* milliseconds) {
  const auto* api = Api();
  return api ? api->curl_multi_timeout(multi, milliseconds) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_setopt(CURLM* multi, CURLMoption option, ...) {
  const auto* api = Api();
  if (!api) return CURLM_INTERNAL_ERROR;
  va_list args;
  va_start(args, option);
  CURLMcode rc = ForwardOption(api->curl_multi_setopt, multi, option, args, CURLM_UNKNOWN_OPTION);
  va_end(args);
  return rc;
}

CURLU* curl_url() {
  const auto* api = Api();
  return api ? api->curl_url() : nullptr;
}

void curl_url_cleanup(CURLU* url) {
  if (const auto* api = Api()) api->curl_url_cleanup(url);
}

CURLUcode curl_url_get(CURLU* url, CURLUPart part, char** out, unsigned int flags) {
  const auto* api = Api();
  return api ? api->curl_url_get(url, part, out, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU* url, CURLUPart part, const char* content, unsigned int flags) {
  const auto* api = Api();
  return api ? api->curl_url_set(url, part, content, flags) : CURLUE_OUT_OF_MEMORY;
}

}  // extern "C"
