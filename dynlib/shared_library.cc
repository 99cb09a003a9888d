#include "dynlib/shared_library.h"

#include <dlfcn.h>

#include <utility>

namespace bouncescan::dynlib {

Result<SharedLibrary> SharedLibrary::Open(const std::string& soname, const std::string& package) {
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return Status::Internal(soname + " cannot be loaded (" + (why ? why : "unknown reason") +
                            "); install the package " + package);
  }
  return SharedLibrary(handle, soname, package);
}

SharedLibrary::SharedLibrary(void* handle, std::string soname, std::string package)
    : handle_(handle), soname_(std::move(soname)), package_(std::move(package)) {}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      soname_(std::move(other.soname_)),
      package_(std::move(other.package_)) {}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
  if (this != &other) {
    if (handle_) dlclose(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    soname_ = std::move(other.soname_);
    package_ = std::move(other.package_);
  }
  return *this;
}

SharedLibrary::~SharedLibrary() {
  if (handle_) dlclose(handle_);
}

Result<void*> SharedLibrary::Symbol(const char* name) const {
  void* address = handle_ ? dlsym(handle_, name) : nullptr;
  if (!address) {
    // A version of the library too old to have the function: the same package, newer.
    return Status::Internal(soname_ + " has no function " + name + "; install a newer " + package_);
  }
  return address;
}

}  // namespace bouncescan::dynlib
