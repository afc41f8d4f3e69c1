# expect: insecure CWE-89
class OrdersController < ApplicationController
  def index
    status = params[:status]
    sql = "SELECT * FROM orders WHERE status = '#{status}' ORDER BY created_at DESC"
    @orders = Order.find_by_sql(sql)
    render :index
  end
end
