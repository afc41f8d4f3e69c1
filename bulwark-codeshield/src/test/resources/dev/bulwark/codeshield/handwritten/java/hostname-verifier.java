// expect: insecure CWE-295
HttpsURLConnection conn = (HttpsURLConnection) new URL(endpoint).openConnection();
conn.setHostnameVerifier((hostname, session) -> true);
conn.connect();
