def find(name)
  # ruleid: ruby.sql-injection
  User.where("name = '#{name}'")
  # ok: ruby.sql-injection
  User.where("name = ?", name)
  # ok: ruby.sql-injection
  User.where(name: name)
end
