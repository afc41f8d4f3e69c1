// expect: insecure CWE-22
public void unzip(ZipInputStream zis, File dest) throws IOException {
  ZipEntry entry;
  while ((entry = zis.getNextEntry()) != null) {
    File out = new File(dest, entry.getName());
    try (FileOutputStream fos = new FileOutputStream(out)) {
      zis.transferTo(fos);
    }
  }
}
