// ruleid: apple.weak-crypto
CC_MD5(ptr, CC_LONG(data.count), &digest)
// ruleid: apple.weak-crypto
let status = CCCrypt(op, CCAlgorithm(kCCAlgorithmAES), CCOptions(kCCOptionECBMode), key, 16, nil, p, n, o, m, &moved)
// ruleid: apple.weak-crypto
let d = Insecure.MD5.hash(data: data)
// ok: apple.weak-crypto
let h = SHA256.hash(data: data)
