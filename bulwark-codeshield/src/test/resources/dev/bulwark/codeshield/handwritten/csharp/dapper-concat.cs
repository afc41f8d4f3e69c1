// expect: insecure CWE-89
public async Task<IEnumerable<Invoice>> ForCustomer(string customerId)
{
    using var db = new SqlConnection(_connectionString);
    return await db.QueryAsync<Invoice>("SELECT * FROM Invoices WHERE CustomerId = '" + customerId + "'");
}
