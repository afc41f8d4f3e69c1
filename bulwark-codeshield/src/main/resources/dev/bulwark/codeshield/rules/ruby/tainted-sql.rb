class ProductsController < ApplicationController
  SORTABLE = %w[name price created_at].freeze

  def search
    term = params[:q]
    sql = "SELECT * FROM products WHERE title LIKE '%#{term}%'"
    # ruleid: ruby.tainted-sql
    @products = Product.find_by_sql(sql)
    # ok: ruby.tainted-sql
    @same = Product.where("title LIKE ?", "%#{term}%")
    # ok: ruby.tainted-sql
    @by_hash = Product.where(title: term)
    # ok: ruby.tainted-sql
    @by_array = Product.find_by_sql(["SELECT * FROM products WHERE title LIKE ?", "%#{term}%"])
  end

  def sorted
    column = params[:sort]
    # ruleid: ruby.tainted-sql
    Product.order(column + " DESC")
    column = "name" unless SORTABLE.include?(column)
    # ok: ruby.tainted-sql
    Product.order(column)
  end

  def by_id
    id = params[:id].to_i
    # ok: ruby.tainted-sql
    Product.where("id = #{id}")
  end

  def raw
    name = request.params["name"]
    query = "DELETE FROM carts WHERE owner = '" + name + "'"
    # ruleid: ruby.tainted-sql
    ActiveRecord::Base.connection.execute(query)
    # ok: ruby.tainted-sql
    ActiveRecord::Base.connection.execute("DELETE FROM carts WHERE owner = " + ActiveRecord::Base.connection.quote(name))
  end
end
