//! The default routing rules against complaints written the way citizens write them: Thai,
//! English and both, with typos and slang, short and long. Each has the agency it should reach.
//! The test prints the accuracy and requires every case to pass.

use occ_core::routing::Router;
use occ_core::{Catalog, CategoryCode, SubcategoryCode};

/// (category/subcategory chosen, or "" when the citizen chose none; text; expected agency)
const CASES: &[(&str, &str, &str)] = &[
    // Online shopping: paid, nothing came (OCPB)
    (
        "shopping/not_delivered",
        "โอนเงินไปแล้ว 890 บาท ร้านไม่ส่งของค่ะ ทักไปก็ไม่ตอบ",
        "OCPB",
    ),
    ("", "สั่งรองเท้าในเฟสบุ๊คตั้งแต่ต้นเดือน จนป่านนี้ยังไม่ได้ของเลยค่ะ", "OCPB"),
    (
        "",
        "ซื้อโทรศัพท์มือสองในกลุ่มเฟส โอนไป 4,500 บาท แล้วคนขายบล็อกเฟสเราไปเลย",
        "OCPB",
    ),
    (
        "",
        "I paid 1,200 baht for a jacket on Instagram and it never arrived",
        "OCPB",
    ),
    (
        "shopping/not_delivered",
        "ของไม่มาาาา รอมา 3 อาทิตย์แล้ว",
        "OCPB",
    ),
    (
        "",
        "ordered shoes from a facebook page, paid by promptpay, haven't received anything",
        "OCPB",
    ),
    (
        "",
        "สั่งของใน shopee ร้านขึ้นว่าส่งแล้วแต่ของไม่ถึงมือ เลขพัสดุก็เช็คไม่ได้",
        "OCPB",
    ),
    (
        "",
        "โอนค่าของไป 2 หมื่น ร้านไม่ยอมส่ง อ้างว่าของหมด แต่ไม่คืนเงิน",
        "OCPB",
    ),
    ("shopping/other", "พ่อค้าเงียบหายหลังจากโอนเงิน", "OCPB"),
    ("", "ได้ของไม่ครบ สั่ง 5 ชิ้นได้มา 2", "OCPB"),
    // The shop or deal site vanished with deposits (OCPB)
    (
        "shopping/shop_vanished",
        "เว็บดีลทัวร์ปิดตัว เก็บเงินมัดจำลูกค้าไปหลายร้อยคน รวมทั้งผมด้วย 15,000 บาท",
        "OCPB",
    ),
    ("", "จ่ายมัดจำชุดแต่งงานไปแล้ว ร้านปิดเพจหนี ติดต่อไม่ได้เลย", "OCPB"),
    ("", "the shop took my deposit and vanished", "OCPB"),
    ("", "ร้านชิ่งไปแล้วค่ะ เงินมัดจำ 3000", "OCPB"),
    // Not as described, broken, refunds (OCPB)
    ("", "ได้ของไม่ตรงปกเลย รูปกับของจริงคนละเรื่อง", "OCPB"),
    (
        "shopping/not_as_described",
        "กระเป๋าที่ได้มาเป็นของปลอม ขายว่าแท้ 100%",
        "OCPB",
    ),
    ("", "ทีวีที่สั่งมาจอแตก ร้านไม่ยอมเปลี่ยนสินค้า", "OCPB"),
    (
        "shopping/refund",
        "ยกเลิกออเดอร์ตั้งแต่ยังไม่ส่ง แต่ร้านไม่คืนเงินค่ะ",
        "OCPB",
    ),
    (
        "",
        "received a broken blender and the seller refuses a refund",
        "OCPB",
    ),
    ("", "สินค้าชำรุดตั้งแต่แกะกล่อง ขอเงินคืนไม่ได้", "OCPB"),
    // Large shopping losses also go to the police (OCPB, copied to TCSD)
    (
        "shopping/not_delivered",
        "สั่งทองออนไลน์ โอนไป 150,000 บาท ร้านไม่ส่งของและปิดเพจหนี",
        "OCPB",
    ),
    // Health products: FDA
    (
        "",
        "ซื้อยาลดน้ำหนักจากไลฟ์สด กินแล้วใจสั่น นอนไม่หลับ ไม่มีเลข อย.",
        "FDA",
    ),
    (
        "shopping/health_product",
        "ครีมหน้าขาวที่ขายในติ๊กต๊อก ใช้แล้วหน้าพัง สงสัยมีสารปรอท",
        "FDA",
    ),
    ("", "อาหารเสริมที่สั่งมากล่องไม่มีเลข อย เลย กลัวเป็นของเถื่อน", "FDA"),
    (
        "",
        "this slimming supplement sold on facebook made my mum sick",
        "FDA",
    ),
    ("", "ขายยาปลอมในเพจ อ้างว่ารักษามะเร็งได้", "FDA"),
    ("", "ซื้อชุดตรวจ ATK ออนไลน์มาแล้วผลไม่ขึ้นเลย", "FDA"),
    ("shopping/health_product", "คอลลาเจนยี่ห้อนี้โฆษณาเกินจริง", "FDA"),
    // Unregistered shops: DBD
    ("", "ร้านนี้ไม่ได้จดทะเบียนพาณิชย์อิเล็กทรอนิกส์ แต่ขายของเยอะมาก", "DBD"),
    (
        "shopping/unregistered_shop",
        "อยากตรวจสอบว่าร้านออนไลน์นี้มีตัวตนจริงไหม",
        "DBD",
    ),
    ("", "this online store is not registered with DBD", "DBD"),
    // Hacked accounts: TCSD
    ("", "เฟสโดนแฮ็ก คนร้ายเอาไปทักยืมเงินเพื่อน", "TCSD"),
    (
        "computer_crime/hacked_account",
        "เข้าไลน์ไม่ได้ มีคนเปลี่ยนเบอร์ไปแล้ว",
        "TCSD",
    ),
    (
        "",
        "my instagram account got hacked and they changed the email",
        "TCSD",
    ),
    ("", "โดนแฮคไอจี ตอนนี้เข้าไม่ได้เลยค่ะ ช่วยด้วย", "TCSD"),
    // Impersonation: TCSD
    (
        "",
        "มีคนเอารูปไปใช้ ทำเฟสปลอมเป็นชื่อเรา แล้วไปหลอกยืมเงินคนอื่น",
        "TCSD",
    ),
    (
        "",
        "someone made a fake profile pretending to be me",
        "TCSD",
    ),
    ("", "มีคนแอบอ้างเป็นเจ้าหน้าที่ธนาคาร โทรมาขอข้อมูล", "TCSD"),
    // Defamation: TCSD
    ("", "ถูกโพสต์ด่าประจานในกลุ่ม ใส่ร้ายว่าโกงเงิน ทั้งที่ไม่จริง", "TCSD"),
    (
        "computer_crime/defamation",
        "คนในที่ทำงานโพสหมิ่นประมาทผมในทวิตเตอร์",
        "TCSD",
    ),
    (
        "",
        "a page keeps posting defamation about my family",
        "TCSD",
    ),
    // Scams: TCSD
    (
        "",
        "โดนหลอกลงทุนคริปโต ตอนแรกได้ปันผล สุดท้ายถอนไม่ได้ เสียไป 3 แสน",
        "TCSD",
    ),
    (
        "",
        "แก๊งคอลเซ็นเตอร์โทรมาบอกว่ามีพัสดุผิดกฎหมาย ให้โอนเงินไปตรวจสอบ",
        "TCSD",
    ),
    ("", "คุยกับแฟนออนไลน์มา 2 เดือน ให้โอนเงินค่าภาษีของขวัญ", "TCSD"),
    (
        "",
        "รับงานกดไลค์ได้ค่าคอม ทีแรกได้จริง หลังๆ ให้โอนก่อนแล้วไม่คืน",
        "TCSD",
    ),
    (
        "",
        "I was scammed in an investment group on LINE, lost 50,000 baht",
        "TCSD",
    ),
    ("", "โดนมิจฉาชีพหลอกโอนเงิน", "TCSD"),
    ("computer_crime/online_fraud", "โดนโกงค่ะ", "TCSD"),
    ("", "แอปเงินกู้ทวงหนี้โหด ส่งข้อความหาทุกคนในรายชื่อ", "TCSD"),
    // Gambling, piracy, obscene sites: MDES
    ("", "มี SMS เว็บพนันส่งมาทุกวัน บาคาร่า สล็อต ฝากถอนไม่มีขั้นต่ำ", "MDES"),
    ("", "เว็บพนันส่ง SMS มาทุกวัน https://ufa99.bet/x", "MDES"),
    ("", "ได้ข้อความ sms แปลกๆ มีลิงก์ให้กด bit.ly/3xYz", "THAICERT"),
    ("illegal_website/gambling", "เว็บนี้เปิดให้แทงบอลออนไลน์", "MDES"),
    (
        "",
        "this site is an online casino targeting thai people",
        "MDES",
    ),
    ("", "เว็บดูหนังเถื่อนเต็มไปหมด ละเมิดลิขสิทธิ์", "MDES"),
    (
        "",
        "pirated movies and illegal streaming of the premier league",
        "MDES",
    ),
    ("", "มีเว็บโป๊เอาคลิปหลุดของคนไทยไปลง", "MDES"),
    (
        "illegal_website/obscene",
        "เว็บลามกอนาจาร เด็กเข้าถึงได้ง่าย",
        "MDES",
    ),
    // Phishing, malware, ransomware, data leaks: ThaiCERT
    (
        "",
        "ได้ SMS ว่าบัญชีถูกระงับ ให้กดลิงก์ https://kbank-verify.top/login แล้วกรอกรหัส",
        "THAICERT",
    ),
    ("", "มีอีเมลปลอมเป็นธนาคาร ให้ยืนยันตัวตน", "THAICERT"),
    (
        "",
        "got an email asking me to verify your account on a fake login page",
        "THAICERT",
    ),
    (
        "",
        "กดลิงก์ในไลน์แล้วโหลดแอปแปลกๆ มือถือโดนควบคุมเครื่อง เงินในบัญชีหายหมด",
        "THAICERT",
    ),
    (
        "cyber_threat/malware",
        "คอมติดไวรัส มีป๊อปอัพเด้งตลอด",
        "THAICERT",
    ),
    (
        "",
        "ไฟล์ในบริษัทถูกเข้ารหัสทั้งหมด มีข้อความเรียกค่าไถ่เป็นบิทคอยน์",
        "THAICERT",
    ),
    ("", "our company was hit by ransomware", "THAICERT"),
    ("", "ข้อมูลส่วนตัวลูกค้าโรงพยาบาลหลุด มีคนเอามาขายในเว็บ", "THAICERT"),
    (
        "cyber_threat/data_leak",
        "a data breach at a shop exposed my card number",
        "THAICERT",
    ),
    // Nothing a rule can place: the screening desk
    ("", "สวัสดีครับ อยากสอบถามเรื่องการแจ้งความ", "OCC"),
    ("other/general", "ขอเบอร์ติดต่อเจ้าหน้าที่หน่อยค่ะ", "OCC"),
];

#[test]
fn default_rules_route_every_labelled_complaint() {
    let catalog = Catalog::builtin();
    let router = Router::builtin(&catalog);
    let mut wrong = Vec::new();
    for (chosen, text, expected) in CASES {
        let (category, subcategory) = match chosen.split_once('/') {
            Some((c, s)) => (
                Some(CategoryCode::new(c).unwrap()),
                Some(SubcategoryCode::new(s).unwrap()),
            ),
            None if chosen.is_empty() => (None, None),
            None => (Some(CategoryCode::new(chosen).unwrap()), None),
        };
        let d = router.route_text(category.as_ref(), subcategory.as_ref(), text);
        if d.agency.as_str() != *expected {
            wrong.push(format!(
                "  {text:?} ({chosen}): got {} by {:?} on {:?}, expected {expected}",
                d.agency, d.rule, d.matched_keywords
            ));
        }
    }
    let right = CASES.len() - wrong.len();
    println!(
        "routing accuracy: {right}/{} = {:.1}%",
        CASES.len(),
        100.0 * right as f64 / CASES.len() as f64
    );
    assert!(CASES.len() >= 60);
    assert!(
        wrong.is_empty(),
        "{} misrouted:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_large_shopping_loss_copies_the_police() {
    let router = Router::builtin(&Catalog::builtin());
    let shopping = CategoryCode::new("shopping").unwrap();
    let d = router.route_text(
        Some(&shopping),
        None,
        "สั่งทองออนไลน์ โอนไป 150,000 บาท ร้านไม่ส่งของ",
    );
    assert_eq!(d.rule.as_deref(), Some("large-shopping-loss"));
    assert_eq!(
        d.copy.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        ["TCSD"]
    );
    let small = router.route_text(
        Some(&shopping),
        None,
        "สั่งทองออนไลน์ โอนไป 1,500 บาท ร้านไม่ส่งของ",
    );
    assert_eq!(small.rule.as_deref(), Some("not-delivered"));
}
