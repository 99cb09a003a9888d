// SharedLibrary: a shared library opened at run time (dlopen) and the functions it exports.
//
// bouncescan loads libcurl and libsecret this way, the first time a command needs them, so
// that the commands which never touch the network or the keyring (classify, explain, events,
// ...) do not pay for relocating them and the ~40 libraries they depend on at every start.
// When a library is missing, Open() says which one and which Debian package ships it.
//
// Used by dynlib/curl_runtime.cc and scanner/credentials_keyring.cc. Thread-compatible; a
// const SharedLibrary may be shared between threads.
#pragma once

#include <string>

#include "base/status.h"

namespace bouncescan::dynlib {

class SharedLibrary {
 public:
  // Opens `soname` (e.g. "libcurl.so.4") the way the dynamic loader finds libraries, with
  // RTLD_NOW | RTLD_LOCAL: its symbols do not join the program's global scope. `package`
  // names the Debian package that ships it, for the message when it cannot be loaded.
  static Result<SharedLibrary> Open(const std::string& soname, const std::string& package);

  SharedLibrary(SharedLibrary&& other) noexcept;
  SharedLibrary& operator=(SharedLibrary&& other) noexcept;
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;
  // dlclose. Libraries that must stay loaded (glib registers types that cannot be
  // unregistered) are kept in an object that is never destroyed.
  ~SharedLibrary();

  // The address of the function `name`, looked up in this library and the libraries it
  // depends on, or an error naming both.
  Result<void*> Symbol(const char* name) const;

  // Symbol(), cast to the function pointer type of `*fn` (usually decltype(&::the_function),
  // so the header's declaration checks the type). On error *fn is left unchanged.
  template <typename Fn>
  Status Bind(const char* name, Fn* fn) const {
    Result<void*> address = Symbol(name);
    if (!address.ok()) return address.status();
    *fn = reinterpret_cast<Fn>(*address);
    return Status::Ok();
  }

  const std::string& soname() const { return soname_; }

 private:
  SharedLibrary(void* handle, std::string soname, std::string package);

  void* handle_ = nullptr;
  std::string soname_;
  std::string package_;
};

}  // namespace bouncescan::dynlib
