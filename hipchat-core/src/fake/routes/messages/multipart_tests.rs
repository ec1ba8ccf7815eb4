//! The parameters of multipart header values.

use super::*;

#[test]
fn header_parameters_are_unquoted_and_unescaped() {
    let (value, params) =
        header_params(r#"attachment; flag; name="file"; filename="a \"b\"; c.txt"; size=3"#);
    assert_eq!(value, "attachment");
    assert_eq!(param(&params, "name"), Some("file"));
    assert_eq!(param(&params, "filename"), Some(r#"a "b"; c.txt"#));
    assert_eq!(param(&params, "size"), Some("3"));
    let (value, params) = header_params("Multipart/Related;boundary=abc");
    assert_eq!(
        (value.as_str(), param(&params, "boundary")),
        ("multipart/related", Some("abc"))
    );
}
