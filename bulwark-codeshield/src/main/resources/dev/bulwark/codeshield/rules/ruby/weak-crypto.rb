# ruleid: ruby.weak-crypto
h = Digest::MD5.hexdigest(pw)
# ruleid: ruby.weak-crypto
c = OpenSSL::Cipher.new("des-ede3-cbc")
# ok: ruby.weak-crypto
g = Digest::SHA256.hexdigest(pw)
