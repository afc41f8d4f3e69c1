// expect: secure
public async Task<IEnumerable<Invoice>> ForCustomer(string customerId)
{
    using var db = new SqlConnection(_connectionString);
    return await db.QueryAsync<Invoice>("SELECT * FROM Invoices WHERE CustomerId = @id", new { id = customerId });
}
