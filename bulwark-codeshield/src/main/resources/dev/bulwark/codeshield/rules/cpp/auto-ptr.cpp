#include <memory>

void f() {
    // ruleid: cpp.auto-ptr
    std::auto_ptr<int> p(new int(1));
    // ok: cpp.auto-ptr
    std::unique_ptr<int> q = std::make_unique<int>(1);
    // ok: cpp.auto-ptr
    auto ptr = std::make_shared<int>(2);
}
