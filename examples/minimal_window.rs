//! The smallest iced window with the same renderer and features as the workstation: the
//! yardstick `scripts/bench-startup` compares the workstation's cold start against.

fn view(_: &()) -> iced::Element<'_, ()> {
    iced::widget::text("Tereze").into()
}

fn main() -> iced::Result {
    iced::application(|| (), |_: &mut (), _: ()| {}, view)
        .title(|_: &()| "Tereze minimal".to_owned())
        .run()
}
