# ruleid: ruby.tls-verification-disabled
http.verify_mode = OpenSSL::SSL::VERIFY_NONE
# ok: ruby.tls-verification-disabled
http.verify_mode = OpenSSL::SSL::VERIFY_PEER
