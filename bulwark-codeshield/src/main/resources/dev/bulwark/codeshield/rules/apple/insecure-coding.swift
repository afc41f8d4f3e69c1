// ruleid: apple.insecure-coding
class Person: NSObject, NSCoding {
}
// ok: apple.insecure-coding
class Safe: NSObject, NSSecureCoding {
}
