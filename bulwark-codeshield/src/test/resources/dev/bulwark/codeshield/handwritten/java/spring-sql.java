// expect: insecure CWE-89
@RestController
public class ProductController {
  @Autowired private JdbcTemplate jdbc;

  @GetMapping("/products")
  public List<Map<String, Object>> byBrand(@RequestParam String brand) {
    return jdbc.queryForList("SELECT * FROM product WHERE brand = '" + brand + "'");
  }
}
