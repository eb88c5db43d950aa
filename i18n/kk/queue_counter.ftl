# Кезек экраны қабылдау орнында: балабақшалар мен топтардың атаулары, серверге бірден
# жіберілетін жауаптар, желісіз жұмыс үшін бос орындарды брондау.
queue-counter-group = { $name }, { $from }–{ $to } жас, { $language ->
    [kk] қазақ тілінде
   *[ru] орыс тілінде
}
queue-counter-offline = Соңғы синхрондау кезінде серверге қосылу мүмкін болмады, ал бұл әрекетке байланыс керек. Байланыс қалпына келгенде қайта синхрондаңыз.
queue-counter-answer-on-server = Жауап серверде тіркелді, кезек жаңартылды.
queue-counter-answer-offline = Серверге қосылу мүмкін болмады: жауап осы жұмыс орнында тіркелді және келесі синхрондауда серверге жіберіледі.
queue-counter-lease-title = Желісіз жұмыс үшін орын брондау
queue-counter-lease-none-vacant = Брондауға бос орны бар балабақша да, шағын орталық та жоқ.
queue-counter-lease-pick = Балабақша немесе шағын орталық
queue-counter-lease-choice = { $organisation }: { $places } бос орын
queue-counter-lease-places = Орын саны
queue-counter-lease-days = Күн саны
queue-counter-lease-take = Брондау
queue-counter-lease-taken = Желісіз жұмыс үшін { $places } орын { $date } { $time } дейін брондалды.
queue-counter-lease-no-organisation = Балабақшаны немесе шағын орталықты таңдаңыз.
queue-counter-lease-bad-places = Қанша орын брондайтыныңызды жазыңыз: 1-ден бастап бүтін сан.
queue-counter-lease-bad-days = Қанша күнге брондайтыныңызды жазыңыз: 1-ден бастап бүтін сан.
